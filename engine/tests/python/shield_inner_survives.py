import asyncio


async def save():
    await asyncio.sleep(0.4)
    print("saved")
    return "ok"


async def handler():
    return await asyncio.shield(save())


async def main():
    task = asyncio.create_task(handler())
    await asyncio.sleep(0.2)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("handler cancelled")
    await asyncio.sleep(0.4)
    print("main ends")


asyncio.run(main())
