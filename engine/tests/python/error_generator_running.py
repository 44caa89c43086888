def gen():
    yield next(me)


me = gen()
next(me)
