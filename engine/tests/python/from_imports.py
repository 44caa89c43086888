from asyncio import sleep, gather, create_task, run
import asyncio as aio
import time as t


async def job(n):
    await sleep(0.2 * n)
    return n


async def main():
    task = create_task(job(2))
    print(await gather(job(1), task))
    await aio.sleep(0)
    print(isinstance(t.perf_counter(), float))


run(main())
