import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(1)
    async with sem:
        print("acquired")
    sem.release()


asyncio.run(main())
