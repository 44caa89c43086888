import asyncio


async def job():
    await asyncio.sleep(5)


async def main():
    task = asyncio.create_task(job())
    await asyncio.sleep(0.1)
    task.cancel("shutting down")
    try:
        await task
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)


asyncio.run(main())
