import asyncio


async def main():
    print('single', "double", """triple
quoted""", '''also triple''')
    print("tab\there", 'it\'s', "quote \"inside\"", r"raw \n stays")
    print("implicit " "concatenation", f"and {'f'}" "-strings")
    long_text = ("one "
                 "two")
    print(long_text, len("\n"), "\u00e9")
    total = 1 + \
        2
    print(total)
    await asyncio.sleep(0)


asyncio.run(main())
