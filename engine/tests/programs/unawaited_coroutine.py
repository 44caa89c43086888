import asyncio


async def forgotten():
    print("this never prints")


async def main():
    forgotten()
    print("main goes on")
    await asyncio.sleep(0.1)
    print("main ends")


asyncio.run(main())
