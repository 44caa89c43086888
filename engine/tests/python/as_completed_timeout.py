import asyncio


async def job(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    tasks = [asyncio.create_task(job(0.2)), asyncio.create_task(job(2))]
    try:
        for finished in asyncio.as_completed(tasks, timeout=0.6):
            print("got", await finished)
    except asyncio.TimeoutError:
        print("the rest timed out")
    for t in tasks:
        t.cancel()


asyncio.run(main())
