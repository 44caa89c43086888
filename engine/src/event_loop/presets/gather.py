import asyncio


async def download(url, seconds):
    print(f"start {url}")
    page = await fetch(url, seconds)
    print(f"done {url}")
    return page


async def main():
    await download("one.example", 1)
    await download("two.example", 2)
    print("one after another: 3 s")
    pages = await asyncio.gather(download("one.example", 1), download("two.example", 2))
    print(f"together: 2 s, {pages}")


asyncio.run(main())
