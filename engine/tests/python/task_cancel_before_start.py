import asyncio


async def job():
    print("never starts")


async def main():
    task = asyncio.create_task(job())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled before its first step:", task.cancelled())


asyncio.run(main())
