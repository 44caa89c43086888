import asyncio


async def job():
    await asyncio.sleep(0.1)
    return "done"


async def main():
    coro = job()
    print(await coro)
    print(await coro)


asyncio.run(main())
