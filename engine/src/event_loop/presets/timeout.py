import asyncio


async def download(url, seconds):
    print(f"{url}: started")
    try:
        page = await fetch(url, seconds)
    except asyncio.CancelledError:
        print(f"{url}: cancelled while waiting")
        raise
    print(f"{url}: done")
    return page


async def main():
    page = await asyncio.wait_for(download("fast.example", 0.5), timeout=1)
    print(f"got {page}")
    try:
        await asyncio.wait_for(download("slow.example", 3), timeout=1)
    except TimeoutError:
        print("slow.example took longer than 1 s")
    task = asyncio.create_task(download("other.example", 2))
    await asyncio.sleep(0.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"cancelled: {task.cancelled()}")


asyncio.run(main())
