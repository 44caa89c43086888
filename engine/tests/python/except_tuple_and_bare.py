import asyncio


async def fail(kind):
    await asyncio.sleep(0)
    if kind == "value":
        raise ValueError("v")
    if kind == "type":
        raise TypeError("t")
    raise RuntimeError("r")


async def main():
    for kind in ["value", "type", "runtime"]:
        try:
            await fail(kind)
        except (ValueError, TypeError) as e:
            print("value or type:", e)
        except Exception as e:
            print("anything else:", type(e).__name__, e)
    try:
        await fail("runtime")
    except:
        print("a bare except catches it too")


asyncio.run(main())
