import asyncio


async def main():
    timer = asyncio.create_task(asyncio.sleep(0.5))
    print("a bare sleep can be a task")
    await asyncio.gather(asyncio.sleep(0.2), timer)
    print("both sleeps are over")


asyncio.run(main())
