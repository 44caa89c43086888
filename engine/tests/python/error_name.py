import asyncio


async def main():
    print("before")
    print(undefined_name)


asyncio.run(main())
