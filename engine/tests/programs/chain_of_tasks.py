import asyncio


async def third():
    await asyncio.sleep(0.3)
    print("third done")
    return 3


async def second():
    t = asyncio.create_task(third())
    value = await t
    print("second done")
    return value + 2


async def first():
    t = asyncio.create_task(second())
    value = await t
    print("first done")
    return value + 1


async def main():
    total = await first()
    print(f"total {total}")


asyncio.run(main())
