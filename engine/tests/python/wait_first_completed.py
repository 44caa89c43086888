import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} done")
    return name


async def main():
    fast = asyncio.create_task(job("fast", 0.2))
    slow = asyncio.create_task(job("slow", 1))
    done, pending = await asyncio.wait([fast, slow], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [t.result() for t in done])
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)
    print(slow.cancelled())


asyncio.run(main())
