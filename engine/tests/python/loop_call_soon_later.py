import asyncio


def say(text):
    print("callback says", text)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(say, "soon")
    loop.call_later(0.2, say, "later")
    handle = loop.call_later(0.1, say, "never: cancelled")
    handle.cancel()
    print("scheduled; time moves only when the loop waits")
    await asyncio.sleep(0.4)
    future = loop.create_future()
    loop.call_later(0.2, future.set_result, "a future's result")
    print(await future)


asyncio.run(main())
