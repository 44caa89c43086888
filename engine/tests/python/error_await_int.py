import asyncio


async def main():
    print("awaiting a number")
    await 5


asyncio.run(main())
