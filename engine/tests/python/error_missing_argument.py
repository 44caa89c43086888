import asyncio


async def download(url, seconds):
    await asyncio.sleep(seconds)


async def main():
    await download("a")


asyncio.run(main())
