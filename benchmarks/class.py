"""A class on one JupyterHub: memory per student, time to first feedback, the hub's own cost.

    .venv/bin/python benchmarks/class.py                 # 10 at once, then 30 over 3 minutes
    .venv/bin/python benchmarks/class.py --class 30:180  # N students arriving over S seconds

Runs the hub test's flow (``tests/hub/classroom.py``: a real JupyterHub with
configurable-http-proxy, the dummy authenticator, ``SimpleLocalProcessSpawner``, all on
127.0.0.1; each student's server runs ``--server``, the kit's ``rustbone-kit-singleuser`` unless
told otherwise) for each class: student *i* arrives at ``i * S / N`` seconds, and then the
student's server starts, the student logs in, follows the course's nbgitpuller link (a
clone), answers a question and saves, runs every cell of the exercise in a kernel (the check
cells print feedback) and saves an annotation. Kernels stay open, as in a class.

Printed per class, once everyone is done:

- memory per student: resident memory (RSS, from /proc) of the student's server plus its
  kernel, median and largest (RSS counts shared library pages in each process, so the sum
  over students overstates the total a little: a safe figure to plan with);
- link to first feedback: from the student's click (the server's start) to the first check
  cell's output, median and worst (with ``--prestart`` the servers are started before the
  class arrives, as a teacher can from the hub's admin page, and the clock starts after);
- the hub's own CPU seconds per student (the hub and the proxy), and the students' servers'
  and kernels' CPU seconds per student;
- the speed probe (``probe.py``) before the first class and after each: this shared machine's
  speed moves from minute to minute, and every figure with it;
- from those, how many students one 4-core / 16 GB server would hold: memory (16 GB less
  2 GB for the system, the hub and the proxy, over the largest student's memory) and CPU
  (students whose start-up fits in 4 cores while a class walks in over three minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from rustbone_kit.course_link import nbgitpuller_link

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hub"))
import classroom as room  # the hub test's harness
import course_repo  # the teacher's repository it hands out
import first_visit as flow  # a student's first class, as the hub test runs it
import host  # its measures of processes
from probe import speed_probe  # beside this file

SERVER_GB, SERVER_CORES, RESERVED_GB = 16, 4, 2.0
WALK_IN_S = 180


def run_class(
    students: int, over_s: float, folder: Path, *, prestart: bool, server: str = room.SERVER
) -> dict[str, float]:
    course = course_repo.make_course(folder / "course")
    hub = room.Hub.start(folder / "hub", chp=host.proxy_command(), server=server)
    visits: dict[str, flow.Visit] = {}
    failures: list[str] = []
    try:
        exercise = flow.exercises_with_blanks(course.teacher)[0]
        link = nbgitpuller_link(hub.url, course.url, branch="main", open=exercise)
        hub_pids = [hub.process.pid, *host.descendants(hub.process.pid)]
        hub_cpu0 = sum(host.cpu_seconds(p) for p in hub_pids)
        people = [room.Student(hub, f"s{i:02d}") for i in range(students)]
        for person in people:
            person.create()
        if prestart:  # the teacher starts every server before class; the clock starts after
            starters = [threading.Thread(target=p.start_server) for p in people]
            for thread in starters:
                thread.start()
            for thread in starters:
                thread.join(timeout=10 * room.TIMEOUT_S)
        began = time.monotonic()

        def arrive(i: int, person: room.Student) -> None:
            time.sleep(max(0.0, began + i * over_s / students - time.monotonic()))
            try:
                visits[person.name] = flow.first_visit(person, link, exercise, keep_kernel=True)
            except Exception as error:  # counted and printed: a failure is a result here
                failures.append(f"{person.name}: {error}")

        threads = [
            threading.Thread(target=arrive, args=(i, p), daemon=True) for i, p in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=over_s + 10 * room.TIMEOUT_S)
        wall = time.monotonic() - began
        memory, cpu = [], []
        for person in people:
            pids = person.server_processes()
            memory.append(sum(host.rss_bytes(p) for p in pids) / 2**20)
            cpu.append(sum(host.cpu_seconds(p) for p in pids))
        hub_cpu = sum(host.cpu_seconds(p) for p in hub_pids) - hub_cpu0
        firsts = [v.link_to_feedback_s for v in visits.values()]
    finally:
        for visit in list(visits.values()):
            if visit.kernel:
                visit.kernel.close()
        hub.stop()
    for failure in failures:
        print("  FAILED", failure)
    return {
        "students": students,
        "over_s": over_s,
        "served": len(visits),
        "failed": len(failures),
        "wall_s": wall,
        "mem_median_mb": statistics.median(memory),
        "mem_max_mb": max(memory),
        "first_median_s": statistics.median(firsts) if firsts else float("nan"),
        "first_worst_s": max(firsts) if firsts else float("nan"),
        "hub_cpu_per_student_s": hub_cpu / students,
        "student_cpu_s": statistics.median(cpu),
    }


def capacity(result: dict[str, float]) -> tuple[int, int]:
    """Students one 4-core / 16 GB server holds, by memory and by CPU (a class walking in)."""
    by_memory = int((SERVER_GB - RESERVED_GB) * 1024 / result["mem_max_mb"])
    per_student = result["student_cpu_s"] + result["hub_cpu_per_student_s"]
    by_cpu = int(SERVER_CORES * WALK_IN_S / per_student)
    return by_memory, by_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--class",
        dest="classes",
        action="append",
        help="N:SECONDS, N students arriving over SECONDS (default: 10:0 and 30:180)",
    )
    parser.add_argument(
        "--prestart",
        action="store_true",
        help="start every student's server before the class arrives (as a teacher can)",
    )
    parser.add_argument(
        "--server",
        default=room.SERVER,
        choices=["rustbone-kit-singleuser", "jupyterhub-singleuser"],
        help="each student's server command (default: the kit's, docs/class.md)",
    )
    args = parser.parse_args()
    classes = [tuple(float(x) for x in c.split(":")) for c in args.classes or ["10:0", "30:180"]]
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before, speed "
        f"probe {speed_probe():.2f} s (probe.py); JupyterHub on 127.0.0.1, one {args.server} "
        "server per student"
    )
    for students, over in classes:
        with tempfile.TemporaryDirectory(prefix="rk-class-") as folder:
            r = run_class(
                int(students), over, Path(folder), prestart=args.prestart, server=args.server
            )
        mem, cpu = capacity(r)
        arrival = "at once" if not over else f"over {over:.0f} s"
        arrival += ", servers started before" if args.prestart else ""
        print(
            f"\n{r['students']:.0f} students {arrival}: {r['served']:.0f} served, "
            f"{r['failed']:.0f} failed, all done in {r['wall_s']:.0f} s\n"
            f"  memory per student (server + kernel, RSS): median {r['mem_median_mb']:.0f} MB, "
            f"largest {r['mem_max_mb']:.0f} MB\n"
            f"  link to first feedback: median {r['first_median_s']:.1f} s, "
            f"worst {r['first_worst_s']:.1f} s\n"
            f"  CPU per student: hub + proxy {r['hub_cpu_per_student_s']:.2f} s, "
            f"server + kernel {r['student_cpu_s']:.1f} s\n"
            f"  a {SERVER_CORES}-core / {SERVER_GB} GB server: memory holds {mem} students; "
            f"CPU starts {cpu} walking in over {WALK_IN_S // 60} minutes; "
            f"so about {min(mem, cpu)}\n"
            f"  (load average {os.getloadavg()[0]:.1f}, speed probe {speed_probe():.2f} s after)"
        )


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
