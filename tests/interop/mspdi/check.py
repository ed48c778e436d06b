"""MS Project XML from `shenpi plan --format mspdi`, read and scheduled again by MPXJ.

Usage: check.py DIR. DIR holds, per case, CASE.xml (MSPDI) and CASE.json (the same plan as
JSON), and calendar-YEAR.json (`shenpi calendar list YEAR --format json`) for every year of
the built-in calendar. For every case it checks, with MPXJ's MSPDI reader:

- every item's task starts at the close (17:00) of its acceptance day and finishes at the
  close of its decision day, takes its working days, and carries its department and id;
- every item's predecessor tasks are the plan's direct predecessors;
- the project calendar makes every day of those years working or not as shenpi's calendar
  does (holidays off, 调休 make-up days worked for 8 hours), each exception one day, sorted;

then schedules the project with MPXJ's Microsoft-compatible CPM scheduler and checks that
every task finishes when the file says and starts then or at the next working moment (a
scheduler shows a start at a day's close as the next working day's 08:00).

Exits 1 with every difference listed.
"""

import glob
import json
import os
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()

from java.time import LocalDate, LocalDateTime  # noqa: E402
from org.mpxj import TimeUnit  # noqa: E402
from org.mpxj.cpm import MicrosoftScheduler  # noqa: E402
from org.mpxj.mspdi import MSPDIReader  # noqa: E402

TEXT_DEPARTMENT, TEXT_ID = 1, 2


def iso(java_date_time):
    return str(java_date_time)[:16]


def main(folder):
    problems = []
    truth = {}
    for path in sorted(glob.glob(os.path.join(folder, "calendar-*.json"))):
        for day in json.load(open(path, encoding="utf-8")):
            truth[day["date"]] = day
    cases = sorted(glob.glob(os.path.join(folder, "*.xml")))
    if not cases or not truth:
        sys.exit(f"check.py: no cases or no calendar in {folder}")
    counts = {"tasks": 0, "links": 0, "exceptions": 0, "days": 0}
    for xml in cases:
        name = os.path.basename(xml)[:-4]
        plan = json.load(open(xml[:-4] + ".json", encoding="utf-8"))

        def problem(text):
            problems.append(f"{name}: {text}")

        project = MSPDIReader().read(xml)
        calendar = project.getDefaultCalendar()

        # The calendar, day by day.
        exceptions = list(calendar.getCalendarExceptions())
        counts["exceptions"] += len(exceptions)
        starts = [str(e.getFromDate()) for e in exceptions]
        if starts != sorted(set(starts)):
            problem("exceptions are not one per date, sorted")
        for e in exceptions:
            if str(e.getFromDate()) != str(e.getToDate()):
                problem(f"exception {e.getFromDate()}–{e.getToDate()} spans days")
        for date, day in truth.items():
            y, m, d = map(int, date.split("-"))
            local = LocalDate.of(y, m, d)
            working = bool(calendar.isWorkingDate(local))
            counts["days"] += 1
            if working != day["workday"]:
                problem(f"{date} ({day['kind']}) working={working} in the file")
            elif working and float(calendar.getWork(local, TimeUnit.HOURS).getDuration()) != 8.0:
                problem(f"{date} is not an 8-hour working day")

        # The items as the plan has them.
        items = {item["id"]: item for item in plan["items"]}
        tasks = {}
        for task in project.getTasks():
            if task.getUniqueID() is None or task.getName() is None:
                continue
            counts["tasks"] += 1
            item_id = task.getText(TEXT_ID)
            if item_id is not None:
                tasks[str(item_id)] = task
        if sorted(tasks) != sorted(items):
            problem(f"items {sorted(set(items) ^ set(tasks))} are not one task each")
        by_uid = {int(t.getUniqueID()): str(t.getText(TEXT_ID)) for t in tasks.values()}
        for item_id, task in tasks.items():
            item = items.get(item_id)
            if item is None:
                continue
            if iso(task.getStart()) != item["accepted"] + "T17:00":
                problem(f"{item_id} starts {task.getStart()}, accepted {item['accepted']}")
            if iso(task.getFinish()) != item["decided"] + "T17:00":
                problem(f"{item_id} finishes {task.getFinish()}, decided {item['decided']}")
            duration = task.getDuration()
            if str(duration.getUnits()) != "d" or float(duration.getDuration()) != item["working_days"]:
                problem(f"{item_id} takes {duration}, planned {item['working_days']} working days")
            if str(task.getText(TEXT_DEPARTMENT)) != item["department"]:
                problem(f"{item_id} department {task.getText(TEXT_DEPARTMENT)}")
            links = list(task.getPredecessors())
            counts["links"] += len(links)
            preds = sorted(
                by_uid[int(r.getPredecessorTask().getUniqueID())]
                for r in links
                if int(r.getPredecessorTask().getUniqueID()) in by_uid
            )
            if preds != sorted(item["predecessors"]):
                problem(f"{item_id} links from {preds}, plan {sorted(item['predecessors'])}")

        # Scheduled again by MPXJ: the same finishes; starts at the same working moment.
        stored = {
            int(t.getUniqueID()): (t.getStart(), t.getFinish())
            for t in project.getTasks()
            if t.getUniqueID() is not None and not t.getSummary()
        }
        MicrosoftScheduler().schedule(project, project.getProjectProperties().getStartDate())
        for task in project.getTasks():
            uid = task.getUniqueID()
            if uid is None or int(uid) not in stored:
                continue
            start, finish = stored[int(uid)]
            if iso(task.getFinish()) != iso(finish):
                problem(f"rescheduled, {task.getName()} finishes {task.getFinish()}, not {finish}")
            if iso(task.getStart()) not in (iso(start), iso(calendar.getNextWorkStart(start))):
                problem(f"rescheduled, {task.getName()} starts {task.getStart()}, not {start}")

    for p in problems:
        print(p)
    print(
        f"mspdi: {len(cases)} files read and rescheduled by MPXJ; {counts['tasks']} tasks, "
        f"{counts['links']} item links, {counts['exceptions']} calendar exceptions, "
        f"{counts['days']} days compared; {len(problems)} problems"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1])
