import asyncio


async def request(i):
    page = await fetch("page", 1)
    return i


async def main():
    print("100 requests of 1 s each")
    results = await asyncio.gather(*[request(i) for i in range(100)])
    n = len(results)
    print(f"done: {n} answers in about 1 s")


asyncio.run(main())
