import asyncio


async def quick():
    print("quick runs")
    return 1


async def other():
    print("other runs")


async def main():
    task = asyncio.create_task(quick())
    await asyncio.sleep(0.1)
    asyncio.create_task(other())
    value = await task
    print(f"the task was already done: {value}")
    await asyncio.sleep(0)
    print("main ends")


asyncio.run(main())
