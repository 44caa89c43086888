import asyncio


async def ok(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def bad():
    await asyncio.sleep(0.2)
    raise ValueError("bad job")


async def main():
    tasks = [asyncio.create_task(ok(1)), asyncio.create_task(bad())]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for t in done:
        print("exception:", t.exception())
    print("pending:", len(pending))
    for t in pending:
        t.cancel()


asyncio.run(main())
