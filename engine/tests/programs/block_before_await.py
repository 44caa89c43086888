import asyncio
import time


async def eager():
    print("the task finally runs")


async def main():
    task = asyncio.create_task(eager())
    print("main blocks for 1 s before it awaits anything")
    time.sleep(1)
    print("main unblocks")
    await task
    print("main ends")


asyncio.run(main())
