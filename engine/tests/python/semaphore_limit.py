import asyncio


async def download(sem, n):
    async with sem:
        print(f"download {n} starts")
        await asyncio.sleep(0.2)
        print(f"download {n} ends")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*[download(sem, n) for n in range(5)])
    print("locked:", sem.locked())


asyncio.run(main())
