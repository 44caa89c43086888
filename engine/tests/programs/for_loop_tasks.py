import asyncio


async def count(n):
    await asyncio.sleep(n * 0.2)
    print(f"counted {n}")
    return n * n


async def main():
    tasks = []
    for n in range(4):
        tasks = tasks + [asyncio.create_task(count(n))]
    print("created")
    for t in tasks:
        square = await t
        print(f"square {square}")


asyncio.run(main())
