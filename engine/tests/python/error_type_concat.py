import asyncio


async def main():
    count = await asyncio.sleep(0.1, result=3)
    print("count: " + count)


asyncio.run(main())
