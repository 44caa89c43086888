import asyncio


async def main():
    task = asyncio.create_task(asyncio.sleep(0.1))
    await task
    print(task.done())
    task.finished()


asyncio.run(main())
