//! The words of the ready-made programs: each one's name and what to notice in it.

use super::super::shell::PresetWords;
use crate::i18n::Tr;
use engine::event_loop::PRESETS;

/// The ready-made programs' words, in the order of the engine's presets.
pub(super) const PRESET_WORDS: [PresetWords; PRESETS.len()] = [
    PresetWords {
        key: "blocking",
        name: Tr("time.sleep против asyncio.sleep", "time.sleep vs asyncio.sleep"),
        notice: Some(Tr(
            "time.sleep(1) держит единственный поток: пока он спит, tick не печатает ничего, хотя \
                 его таймер давно сработал, — на шкале видна красная полоса блокировки. \
                 await asyncio.sleep(1) отдаёт управление циклу, и tock продолжает работать.",
            "time.sleep(1) holds the only thread: while it sleeps, tick prints nothing although \
                 its timer is long due — the timeline shows the red blocked stretch. \
                 await asyncio.sleep(1) hands control back to the loop, and tock keeps working.",
        )),
    },
    PresetWords {
        key: "gather",
        name: Tr("Две загрузки: по очереди и с gather", "Two downloads: in turn and with gather"),
        notice: Some(Tr(
            "По очереди две загрузки занимают 1 + 2 = 3 с: вторая начинается, только когда \
                 закончилась первая. С gather обе операции ввода-вывода в полёте одновременно, и всё \
                 занимает 2 с — столько, сколько самая долгая. Python при этом выполняется мгновенно.",
            "One after another, the two downloads take 1 + 2 = 3 s: the second starts only when \
                 the first is over. With gather both I/O operations are in flight at once, and it all \
                 takes 2 s — as long as the longest. The Python code itself takes no time at all.",
        )),
    },
    PresetWords {
        key: "cpu",
        name: Tr("Вычисления замораживают всё", "Computing freezes everything"),
        notice: Some(Tr(
            "cpu(1) — вычисления без await: цикл не может переключиться, и heartbeat молчит \
                 целую секунду. Конкурентность asyncio не помогает вычислениям — для них нужны \
                 процессы.",
            "cpu(1) computes without an await: the loop cannot switch, and heartbeat is silent \
                 for a whole second. asyncio's concurrency does not help computing — that takes \
                 processes.",
        )),
    },
    PresetWords {
        key: "create-task",
        name: Tr("create_task против голого вызова", "create_task vs a bare call"),
        notice: Some(Tr(
            "Вызов job(\"forgotten\", 1) только создаёт объект-сопрограмму: она никогда не \
                 выполнится, и Python предупредит «coroutine … was never awaited». create_task \
                 ставит сопрограмму в очередь сразу, и она работает, пока main занята своим.",
            "Calling job(\"forgotten\", 1) only creates a coroutine object: it never runs, and \
                 Python warns “coroutine … was never awaited”. create_task queues the coroutine at \
                 once, and it runs while main gets on with its own work.",
        )),
    },
    PresetWords {
        key: "hundred",
        name: Tr("gather ста запросов", "gather of 100 requests"),
        notice: Some(Tr(
            "Сто запросов по секунде каждый завершаются примерно за одну секунду: все ждут \
                 одновременно, а очередь готовых наполняется, когда ответы приходят. Переключите \
                 скорость на 8× или двигайте ползунок.",
            "A hundred requests of one second each finish in about one second: all of them wait \
                 at the same time, and the ready queue fills as the answers arrive. Switch the speed \
                 to 8× or drag the slider.",
        )),
    },
    PresetWords {
        key: "queue",
        name: Tr("Очередь: заказы и два повара", "A queue: orders and two cooks"),
        notice: Some(Tr(
            "Производитель кладёт заказ каждые 0,5 с, два повара берут их из asyncio.Queue. \
                 Пустая очередь усыпляет повара на get(), полная (maxsize=2) — производителя на \
                 put(). queue.join() ждёт, пока каждый заказ отмечен task_done(), а потом main \
                 отменяет поваров: их бесконечные циклы кончаются CancelledError на await.",
            "The producer puts an order every 0.5 s; two cooks take them from an asyncio.Queue. \
                 An empty queue puts a cook to sleep on get(), a full one (maxsize=2) the producer on \
                 put(). queue.join() waits until every order is marked task_done(); then main \
                 cancels the cooks: their endless loops end with CancelledError at an await.",
        )),
    },
    PresetWords {
        key: "lock",
        name: Tr("Lock вокруг общего счёта", "A Lock around a shared balance"),
        notice: Some(Tr(
            "Каждый вклад читает общий счёт, засыпает на await и записывает прочитанное плюс \
                 сумму. Без блокировки все трое прочли 0 — и два вклада потеряны. С asyncio.Lock \
                 второй вклад ждёт у async with, пока первый не запишет: итог 60.",
            "Each deposit reads the shared balance, sleeps at an await, and writes what it read \
                 plus its amount. Without a lock all three read 0, and two deposits are lost. With an \
                 asyncio.Lock the second deposit waits at async with until the first has written: \
                 60 in the end.",
        )),
    },
    PresetWords {
        key: "timeout",
        name: Tr("wait_for и отмена задачи", "wait_for and cancelling a task"),
        notice: Some(Tr(
            "wait_for ставит таймер рядом с задачей. Быстрая загрузка успевает; медленную таймер \
                 отменяет: CancelledError приходит в неё на await fetch, её except печатает и \
                 пробрасывает дальше, а main получает TimeoutError. Потом main сама отменяет задачу \
                 через task.cancel().",
            "wait_for sets a timer beside the task. The fast download makes it; the slow one is \
                 cancelled by the timer: CancelledError arrives in it at await fetch, its except \
                 prints and re-raises, and main gets TimeoutError. Then main cancels a task itself \
                 with task.cancel().",
        )),
    },
    PresetWords {
        key: "task-group",
        name: Tr("TaskGroup: все вместе или никто", "TaskGroup: all together or none"),
        notice: Some(Tr(
            "async with TaskGroup() ждёт все свои задачи. Когда одна падает, группа отменяет \
                 остальные (menu печатает, что её отменили) и поднимает ExceptionGroup со всеми \
                 ошибками — ни одна задача не остаётся висеть.",
            "async with TaskGroup() waits for all its tasks. When one fails, the group cancels \
                 the others (menu says it was cancelled) and raises an ExceptionGroup with every \
                 error: no task is left hanging.",
        )),
    },
    PresetWords {
        key: "to-thread",
        name: Tr("to_thread: блокирующий вызов в потоке", "to_thread: a blocking call in a thread"),
        notice: Some(Tr(
            "read_file блокирует: time.sleep держит поток. asyncio.to_thread отдаёт её рабочему \
                 потоку — у него своя полоса на шкале, — и heartbeat продолжает биться. В конце тот \
                 же вызов без потока: он выполняется в потоке цикла и замораживает всё на 1,2 с.",
            "read_file blocks: time.sleep holds its thread. asyncio.to_thread hands it to a worker \
                 thread, which has a lane of its own on the timeline, and heartbeat keeps beating. \
                 At the end the same call without a thread runs on the loop's thread and freezes \
                 everything for 1.2 s.",
        )),
    },
];
