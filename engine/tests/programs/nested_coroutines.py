import asyncio


async def inner(x):
    print(f"inner {x}")
    await asyncio.sleep(0.1)
    return x + 1


async def middle(x):
    print(f"middle {x}")
    y = await inner(x)
    return y * 2


async def main():
    result = await middle(3)
    print(f"result {result}")


asyncio.run(main())
