import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} finished")
    return name


async def main():
    early = asyncio.create_task(job("early", 1))
    await asyncio.sleep(0.5)
    both = await asyncio.gather(early, job("late", 0.2))
    print(both)


asyncio.run(main())
