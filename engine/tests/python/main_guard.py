"""A program as tutorials end it."""
import asyncio


async def main():
    # A comment on its own line.
    print("hello")  # and one after code
    await asyncio.sleep(0.2)
    print("world")


if __name__ == "__main__":
    asyncio.run(main())
