import asyncio


async def background(name, seconds):
    print(f"{name} starts")
    await asyncio.sleep(seconds)
    print(f"{name} finishes")


async def main():
    asyncio.create_task(background("short", 0.2))
    asyncio.create_task(background("long", 2))
    await asyncio.sleep(0.5)
    print("main returns; the long task is cancelled")


asyncio.run(main())
