import asyncio


async def echo(i):
    await asyncio.sleep((5 - i) * 0.2)
    print(f"echo {i}")
    return i


async def main():
    values = await asyncio.gather(*[echo(i) for i in range(5)])
    print(values)


asyncio.run(main())
