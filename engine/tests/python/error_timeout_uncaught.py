import asyncio


async def slow():
    await asyncio.sleep(2)
    print("never")


async def main():
    print("waiting at most 0.5 s")
    await asyncio.wait_for(slow(), timeout=0.5)


asyncio.run(main())
