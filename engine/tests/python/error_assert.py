import asyncio


async def main():
    results = await asyncio.gather(asyncio.sleep(0.1, result=1), asyncio.sleep(0.2, result=2))
    assert results == [1, 2], "gather keeps the order"
    print("first assert passed")
    assert len(results) == 3, f"expected 3 results, got {len(results)}"


asyncio.run(main())
