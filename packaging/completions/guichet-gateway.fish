# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_guichet_gateway_global_optspecs
    string join \n h/help V/version
end

function __fish_guichet_gateway_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_guichet_gateway_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_guichet_gateway_using_subcommand
    set -l cmd (__fish_guichet_gateway_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -s h -l help -d 'Print help'
complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -s V -l version -d 'Print version'
complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -f -a "serve" -d 'Serve until SIGTERM or Ctrl-C'
complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -f -a "keygen" -d 'Write a new private key set (JWKS, mode 0600): `sig` for ID tokens, `enc` for FC+'
complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -f -a "check-config" -d 'Check the configuration, its keys and its secret without serving: print what the gateway would run with (never the secret), or the one thing to fix (exit 2)'
complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -f -a "registration" -d 'Print what to register at FC+ (redirect URIs, JWKS URL, public keys) as a sandbox `[[client]]` table (`guichet sandbox --clients FILE` reads it)'
complete -c guichet-gateway -n "__fish_guichet_gateway_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand serve" -l config -d 'The configuration file (TOML; the package installs /etc/guichet-gateway/gateway.toml)' -r -F
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand serve" -s h -l help -d 'Print help'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand keygen" -l use -d '`sig` (the gateway\'s ID-token key) or `enc` (the key FC+ encrypts to)' -r
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand keygen" -l out -d 'The file to write; an existing file gets the new key first (rotation)' -r -F
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand keygen" -s h -l help -d 'Print help'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand check-config" -l config -d 'The configuration file (TOML; the package installs /etc/guichet-gateway/gateway.toml)' -r -F
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand check-config" -s h -l help -d 'Print help'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand registration" -l config -d 'The configuration file (TOML; the package installs /etc/guichet-gateway/gateway.toml)' -r -F
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand registration" -l include-secret -d 'Also print the client secret (only for the local sandbox: FC+ issues its own)'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand registration" -s h -l help -d 'Print help'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve keygen check-config registration help" -f -a "serve" -d 'Serve until SIGTERM or Ctrl-C'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve keygen check-config registration help" -f -a "keygen" -d 'Write a new private key set (JWKS, mode 0600): `sig` for ID tokens, `enc` for FC+'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve keygen check-config registration help" -f -a "check-config" -d 'Check the configuration, its keys and its secret without serving: print what the gateway would run with (never the secret), or the one thing to fix (exit 2)'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve keygen check-config registration help" -f -a "registration" -d 'Print what to register at FC+ (redirect URIs, JWKS URL, public keys) as a sandbox `[[client]]` table (`guichet sandbox --clients FILE` reads it)'
complete -c guichet-gateway -n "__fish_guichet_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve keygen check-config registration help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
