import asyncio


class Downloader:
    def __init__(self, name):
        self.name = name
        self.pages = []

    async def fetch_page(self, url, seconds):
        print(f"{self.name}: get {url}")
        page = await fetch(url, seconds)
        self.pages.append(page)
        return page

    async def fetch_all(self, urls):
        return await asyncio.gather(*[self.fetch_page(u, s) for u, s in urls])


async def main():
    d = Downloader("bot")
    pages = await d.fetch_all([("a.example", 0.4), ("b.example", 0.2)])
    print(pages, d.pages)


asyncio.run(main())
