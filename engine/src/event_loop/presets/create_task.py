import asyncio


async def job(name, seconds):
    print(f"{name} starts")
    await asyncio.sleep(seconds)
    print(f"{name} ends")


async def main():
    job("forgotten", 1)
    first = job("awaited at once", 1)
    await first
    task = asyncio.create_task(job("task", 1))
    print("main goes on while the task waits")
    await asyncio.sleep(0.5)
    print("main awaits the task")
    await task


asyncio.run(main())
