import asyncio


async def job():
    me = asyncio.current_task()
    print("running in", me.get_name())
    await asyncio.sleep(0.2)


async def main():
    print("main is", asyncio.current_task().get_name())
    a = asyncio.create_task(job())
    b = asyncio.create_task(job(), name="downloader")
    c = asyncio.create_task(job())
    c.set_name("renamed")
    await asyncio.gather(a, b, c)
    print(a.get_name(), b.get_name(), c.get_name())


asyncio.run(main())
