import asyncio


async def job(n):
    await asyncio.sleep(n * 0.2)
    if n % 2:
        raise ValueError(f"odd {n}")
    return n


async def main():
    results = await asyncio.gather(*(job(n) for n in range(4)), return_exceptions=True)
    print(results)
    for r in results:
        if isinstance(r, Exception):
            print("failed:", r)
        else:
            print("ok:", r)


asyncio.run(main())
