import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} after {seconds}"


async def main():
    tasks = [
        asyncio.create_task(job("slow", 0.6)),
        asyncio.create_task(job("fast", 0.2)),
        asyncio.create_task(job("medium", 0.4)),
    ]
    for finished in asyncio.as_completed(tasks):
        print(await finished)


asyncio.run(main())
