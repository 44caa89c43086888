import asyncio
import time


def blocking_io(n):
    print(f"thread {n} starts")
    time.sleep(1)
    print(f"thread {n} done")
    return n * 10


async def ticker():
    # The thread starts at once; the first tick comes a little later.
    await asyncio.sleep(0.2)
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.4)


async def main():
    results = await asyncio.gather(asyncio.to_thread(blocking_io, 1), ticker())
    print(results)
    loop = asyncio.get_running_loop()
    value = await loop.run_in_executor(None, blocking_io, 2)
    print("executor gave", value)


asyncio.run(main())
