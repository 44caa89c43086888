import asyncio


async def value():
    await asyncio.sleep(0.2)
    return 42


async def broken():
    await asyncio.sleep(0.1)
    raise KeyError("missing")


async def main():
    good = asyncio.create_task(value())
    bad = asyncio.create_task(broken())
    print(good.done(), bad.done())
    await asyncio.sleep(0.4)
    print(good.done(), good.result(), good.exception(), good.cancelled())
    print(bad.done(), repr(bad.exception()))
    try:
        bad.result()
    except KeyError as e:
        print("result() raises:", e)
    pending = asyncio.create_task(value())
    try:
        pending.result()
    except asyncio.InvalidStateError as e:
        print("not ready:", e)
    await pending


asyncio.run(main())
