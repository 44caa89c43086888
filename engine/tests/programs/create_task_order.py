import asyncio


async def worker(n):
    print(f"worker {n} starts")
    await asyncio.sleep(0.5)
    print(f"worker {n} ends")


async def main():
    first = asyncio.create_task(worker(1))
    second = asyncio.create_task(worker(2))
    third = asyncio.create_task(worker(3))
    print("all three created")
    await first
    print("first awaited")
    await second
    await third
    print("all done")


asyncio.run(main())
