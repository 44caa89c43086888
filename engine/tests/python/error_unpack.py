import asyncio


async def main():
    a, b = await asyncio.gather(asyncio.sleep(0.1, 1), asyncio.sleep(0.1, 2), asyncio.sleep(0.1, 3))


asyncio.run(main())
