"""`copilot site ...`: set up a site server, add and remove logins, enrol a desk, status."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from copilot.site.config import PASSWORD_ENV, public_url

if TYPE_CHECKING:
    from copilot.cli import CommandContext

CA_HELP = "the site's CA certificate (PEM); required for a server that is not this PC"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "site",
        help="site mode: one customer memory on the site's PostgreSQL server",
        description="Set up a site's PostgreSQL server (administrator), or put this desk on "
        "a site. Passwords are never part of a URL: the administrator's comes from PGPASSWORD "
        f"or is asked for; a desk's lives in the OS keyring or {PASSWORD_ENV}.",
    )
    site_sub = p.add_subparsers(dest="site_command", metavar="ACTION", required=True)

    p = site_sub.add_parser(
        "init",
        help="make an empty PostgreSQL database a Copilot site (administrator)",
        description="Create Copilot's tables, the roles copilot_agent, copilot_team_leader and "
        "copilot_admin, their rights and the row-level security that shows each login only "
        "its campaigns' customers. Harmless to run again on a Copilot site.",
    )
    p.add_argument("url", metavar="URL", help="postgresql://ADMIN@HOST[:PORT]/DATABASE")
    p.add_argument("--ca", metavar="FILE", default="", help=CA_HELP)
    p.set_defaults(handler=_init)

    p = site_sub.add_parser(
        "add-user",
        help="create a login for an agent or team leader and print its one-time code",
    )
    p.add_argument("name", metavar="NAME", help="the login (lowercase letters, digits, . _ -)")
    p.add_argument("--role", required=True, choices=("agent", "team_leader"))
    p.add_argument(
        "--campaign",
        action="append",
        required=True,
        metavar="CAMPAIGN",
        help="a campaign (client) the login works on; repeat for several",
    )
    _admin_site_arguments(p)
    p.set_defaults(handler=_add_user)

    p = site_sub.add_parser("remove-user", help="take a login off the site")
    p.add_argument("name", metavar="NAME")
    _admin_site_arguments(p)
    p.set_defaults(handler=_remove_user)

    p = site_sub.add_parser(
        "enrol",
        help="put this desk on a site with the one-time code from add-user",
        description="Connect with the code, change the login's password at once to one only "
        "this desk knows (so the code cannot be used again), keep it in the OS keyring, or use "
        f"{PASSWORD_ENV} when it is set (desks without a keyring), and remember the site.",
    )
    p.add_argument("url", metavar="URL", help="postgresql://HOST[:PORT]/DATABASE")
    p.add_argument("code", metavar="CODE", help="the enrolment code, dashes optional")
    p.add_argument("--ca", metavar="FILE", default="", help=CA_HELP)
    p.set_defaults(handler=_enrol)

    p = site_sub.add_parser("status", help="which site this desk is on and whether it answers")
    p.set_defaults(handler=_status)

    p = site_sub.add_parser("leave", help="take this desk off its site (its data stays)")
    p.add_argument("--force", action="store_true", help="leave even with operations not yet sent")
    p.set_defaults(handler=_leave)

    p = site_sub.add_parser(
        "access-log",
        help="who opened which customer's story, when (team leaders and administrators)",
    )
    p.add_argument("--customer", type=int, metavar="ID", help="only this customer's lines")
    p.add_argument(
        "--site",
        metavar="URL",
        help="read as the administrator in this URL instead of this desk's login",
    )
    p.add_argument("--ca", metavar="FILE", default="", help=CA_HELP)
    p.set_defaults(handler=_access_log)


def _admin_site_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--site", required=True, metavar="URL", help="postgresql://ADMIN@HOST[:PORT]/DATABASE"
    )
    p.add_argument("--ca", metavar="FILE", default="", help=CA_HELP)


def _where(url: str) -> str:
    parsed = public_url(url)
    return f"{parsed.database} on {parsed.host}"


def _init(args: argparse.Namespace, _ctx: CommandContext) -> int:
    from copilot.site.admin import init_site
    from copilot.site.server import admin_url

    result = init_site(admin_url(args.url, ca_file=args.ca))
    if result.already_a_site:
        print(f"{_where(args.url)} is already a Copilot site; its roles and rules are in place.")
    else:
        print(f"{_where(args.url)} is now a Copilot site (site id {result.site_id}).")
    print("Add agents with: copilot site add-user NAME --role agent --campaign CAMPAIGN --site URL")
    return 0


def _add_user(args: argparse.Namespace, _ctx: CommandContext) -> int:
    from copilot.site.admin import add_user
    from copilot.site.server import admin_url, without_login

    code = add_user(
        admin_url(args.site, ca_file=args.ca),
        args.name,
        role=args.role,
        campaigns=args.campaign,
    )
    desk_url = without_login(public_url(args.site)).set(drivername="postgresql")
    campaigns = ", ".join(dict.fromkeys(c.strip() for c in args.campaign))
    print(f"Login {code.user} ({args.role}; campaigns: {campaigns}) is on {_where(args.site)}.")
    print("One-time enrolment code (give it to them in person; it works once):")
    print()
    print(f"    {code.encode()}")
    print()
    ca = " --ca SITE-CA.crt" if args.ca else ""
    print(f"On their desk: copilot site enrol {desk_url.render_as_string()} CODE{ca}")
    return 0


def _remove_user(args: argparse.Namespace, _ctx: CommandContext) -> int:
    from copilot.site.admin import remove_user
    from copilot.site.server import admin_url

    dropped = remove_user(admin_url(args.site, ca_file=args.ca), args.name)
    if dropped:
        print(f"{args.name} is removed: the login no longer exists.")
    else:
        print(
            f"{args.name} is off {_where(args.site)}; the login stays because another database "
            "on this server still gives it rights."
        )
    return 0


def _enrol(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.site.config import SiteError, load_site
    from copilot.site.enrol import EnrolmentCode, enrol
    from copilot.site.server import without_login

    current = load_site(ctx.settings.data_dir)
    if current is not None:
        # Unsent writes belong to the site and login they were made for: never another's.
        same_site = without_login(public_url(current.url)) == without_login(public_url(args.url))
        if not same_site or current.user != EnrolmentCode.decode(args.code).user:
            raise SiteError(
                f"this desk is on {current.label} as {current.user}; run copilot site leave first"
            )
    done = enrol(args.url, args.code, data_dir=ctx.settings.data_dir, ca_file=args.ca)
    config = done.config
    print(f"This desk is now on the site {config.label} as {config.user}.")
    print(f"Campaigns: {', '.join(config.campaigns)}. The password is kept in {done.kept_in}.")
    print("The enrolment code cannot be used again.")
    return 0


def _status(_args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.site.desk import site_status

    status = site_status(ctx.settings.data_dir, ctx.settings.database_target)
    if status is None:
        print("This PC only: the desk is not on a site.")
        return 0
    config = status.config
    print(f"Site: {config.label}")
    print(f"Login: {config.user} (campaigns: {', '.join(config.campaigns) or '-'})")
    print("Server: reachable" if status.reachable else f"Server: unreachable: {status.problem}")
    if status.pending is None:
        print("Waiting to be sent: unknown (this desk's database could not be opened)")
    else:
        print(f"Waiting to be sent: {status.pending}")
    return 0 if status.reachable else 1


def _leave(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.site.desk import leave_site

    left = leave_site(ctx.settings.data_dir, ctx.settings.database_target, force=args.force)
    if left is None:
        print("This desk is not on a site.")
    else:
        print(f"This desk has left {left.label}; it works on its own database again.")
    return 0


def _access_log(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.site.config import SiteError, load_site
    from copilot.site.desk import desk_login_url, read_access_log
    from copilot.site.server import admin_url

    if args.site:
        url = admin_url(args.site, ca_file=args.ca)
    else:
        config = load_site(ctx.settings.data_dir)
        if config is None:
            raise SiteError("this desk is not on a site; give the site with --site URL")
        url = desk_login_url(config)
    lines = read_access_log(url, customer_id=args.customer)
    for line in lines:
        print(f"{line.at:%Y-%m-%d %H:%M:%S}Z\t{line.username}\t#{line.customer_id}\t{line.action}")
    if not lines:
        whose = f"customer #{args.customer}'s" if args.customer is not None else "a customer's"
        print(f"No one has opened {whose} story yet.")
    return 0
