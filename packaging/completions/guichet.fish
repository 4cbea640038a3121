# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_guichet_global_optspecs
    string join \n h/help V/version
end

function __fish_guichet_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_guichet_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_guichet_using_subcommand
    set -l cmd (__fish_guichet_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c guichet -n "__fish_guichet_needs_command" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_needs_command" -s V -l version -d 'Print version'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "window" -d 'Open the window (the default when no command is given)'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "login" -d 'Sign a person in through the browser, keep the session, print the verified identity'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "session" -d 'Show, end or watch the current session'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "pin" -d 'The staff PIN for the configuration file'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "config" -d 'The configuration in force'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "sandbox" -d 'Run the FC+ stand-in alone, for development'
complete -c guichet -n "__fish_guichet_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand window" -l config -d 'Configuration file (TOML)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand window" -l env -d 'Provider environment: sandbox, direct or gateway (default: the one chosen in the settings, else the one the file\'s `[provider]` section is for, else sandbox)' -r
complete -c guichet -n "__fish_guichet_using_subcommand window" -l sign-in-timeout -d 'Seconds to wait for the browser to come back from FC+' -r
complete -c guichet -n "__fish_guichet_using_subcommand window" -l kiosk -d 'Start in kiosk mode (full screen, closed only with the staff PIN)'
complete -c guichet -n "__fish_guichet_using_subcommand window" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand login" -l config -d 'Configuration file (TOML)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand login" -l env -d 'Provider environment: sandbox, direct or gateway (default: the one the file\'s `[provider]` section is for, else sandbox)' -r
complete -c guichet -n "__fish_guichet_using_subcommand login" -l acr -d 'Level of assurance: eidas2 (substantial) or eidas3 (high)' -r
complete -c guichet -n "__fish_guichet_using_subcommand login" -l browser -d 'Command that opens the URL; `{url}` is replaced by it, else it is appended' -r
complete -c guichet -n "__fish_guichet_using_subcommand login" -l timeout -d 'Seconds to wait for the browser to come back' -r
complete -c guichet -n "__fish_guichet_using_subcommand login" -l eidas -d 'Sign in with an identity from another EU country (eIDAS)'
complete -c guichet -n "__fish_guichet_using_subcommand login" -l json -d 'Print one JSON object instead of text'
complete -c guichet -n "__fish_guichet_using_subcommand login" -l end-current -d 'End the session kept for the person signed in (FC+ logout included) before this sign-in; without it, a sign-in while a session is kept is refused'
complete -c guichet -n "__fish_guichet_using_subcommand login" -l browser-closed -d 'Staff closed every browser window since the last session, whose FC+ logout did not complete: its FC+ session cannot be reused any more'
complete -c guichet -n "__fish_guichet_using_subcommand login" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand session; and not __fish_seen_subcommand_from show end watch help" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand session; and not __fish_seen_subcommand_from show end watch help" -f -a "show" -d 'Print the current session (same JSON as login), or say there is none'
complete -c guichet -n "__fish_guichet_using_subcommand session; and not __fish_seen_subcommand_from show end watch help" -f -a "end" -d 'Sign out of FC+ through the browser, then wipe every local trace of the person'
complete -c guichet -n "__fish_guichet_using_subcommand session; and not __fish_seen_subcommand_from show end watch help" -f -a "watch" -d 'Keep watch: end the session after the idle timeout (Enter on stdin counts as activity)'
complete -c guichet -n "__fish_guichet_using_subcommand session; and not __fish_seen_subcommand_from show end watch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (TOML)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from show" -l env -d 'Provider environment: sandbox, direct or gateway (default: the one the file\'s `[provider]` section is for, else sandbox)' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object instead of text'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from end" -l config -d 'Configuration file (TOML)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from end" -l env -d 'Provider environment: sandbox, direct or gateway (default: the one the file\'s `[provider]` section is for, else sandbox)' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from end" -l browser -d 'Command that opens the logout page (default: as configured, else the system browser)' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from end" -l timeout -d 'Seconds to wait for FC+\'s logout to come back' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from end" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from watch" -l config -d 'Configuration file (TOML)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from watch" -l env -d 'Provider environment: sandbox, direct or gateway (default: the one the file\'s `[provider]` section is for, else sandbox)' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from watch" -l idle-timeout -d 'Idle timeout in seconds (default: `[kiosk] idle_timeout_secs`, else 120)' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from watch" -l warning -d 'Countdown before the end, in seconds (default: `[kiosk] idle_warning_secs`, else 30)' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from watch" -l browser -d 'Command that opens the logout page' -r
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the current session (same JSON as login), or say there is none'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "end" -d 'Sign out of FC+ through the browser, then wipe every local trace of the person'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Keep watch: end the session after the idle timeout (Enter on stdin counts as activity)'
complete -c guichet -n "__fish_guichet_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand pin; and not __fish_seen_subcommand_from hash help" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand pin; and not __fish_seen_subcommand_from hash help" -f -a "hash" -d 'Read a staff PIN (4 to 12 digits) on standard input and print the `[kiosk] staff_pin` line to paste: its Argon2id hash, never the PIN'
complete -c guichet -n "__fish_guichet_using_subcommand pin; and not __fish_seen_subcommand_from hash help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand pin; and __fish_seen_subcommand_from hash" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "hash" -d 'Read a staff PIN (4 to 12 digits) on standard input and print the `[kiosk] staff_pin` line to paste: its Argon2id hash, never the PIN'
complete -c guichet -n "__fish_guichet_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the configuration Guichet will use, each value with the file it comes from (/etc/guichet/guichet.toml, then ~/.config/guichet/guichet.toml, then GUICHET_CONFIG, then --config), the settings screen\'s choices and the environment. Never the PIN'
complete -c guichet -n "__fish_guichet_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (TOML)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand config; and __fish_seen_subcommand_from show" -l env -d 'Provider environment: sandbox, direct or gateway (default: the one the file\'s `[provider]` section is for, else sandbox)' -r
complete -c guichet -n "__fish_guichet_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the configuration Guichet will use, each value with the file it comes from (/etc/guichet/guichet.toml, then ~/.config/guichet/guichet.toml, then GUICHET_CONFIG, then --config), the settings screen\'s choices and the environment. Never the PIN'
complete -c guichet -n "__fish_guichet_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand sandbox" -l port -d 'Loopback port to listen on (0: any free port)' -r
complete -c guichet -n "__fish_guichet_using_subcommand sandbox" -l clients -d 'Clients to register (TOML, `[[client]]` tables)' -r -F
complete -c guichet -n "__fish_guichet_using_subcommand sandbox" -s h -l help -d 'Print help'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "window" -d 'Open the window (the default when no command is given)'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "login" -d 'Sign a person in through the browser, keep the session, print the verified identity'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "session" -d 'Show, end or watch the current session'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "pin" -d 'The staff PIN for the configuration file'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "config" -d 'The configuration in force'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "sandbox" -d 'Run the FC+ stand-in alone, for development'
complete -c guichet -n "__fish_guichet_using_subcommand help; and not __fish_seen_subcommand_from window login session pin config sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet -n "__fish_guichet_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "show" -d 'Print the current session (same JSON as login), or say there is none'
complete -c guichet -n "__fish_guichet_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "end" -d 'Sign out of FC+ through the browser, then wipe every local trace of the person'
complete -c guichet -n "__fish_guichet_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "watch" -d 'Keep watch: end the session after the idle timeout (Enter on stdin counts as activity)'
complete -c guichet -n "__fish_guichet_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "hash" -d 'Read a staff PIN (4 to 12 digits) on standard input and print the `[kiosk] staff_pin` line to paste: its Argon2id hash, never the PIN'
complete -c guichet -n "__fish_guichet_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the configuration Guichet will use, each value with the file it comes from (/etc/guichet/guichet.toml, then ~/.config/guichet/guichet.toml, then GUICHET_CONFIG, then --config), the settings screen\'s choices and the environment. Never the PIN'
