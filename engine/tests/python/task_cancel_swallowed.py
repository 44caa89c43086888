import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("caught the cancellation and goes on")
    await asyncio.sleep(0.2)
    print("finished anyway")
    return "result"


async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0.2)
    task.cancel()
    print(await task, task.cancelled())


asyncio.run(main())
