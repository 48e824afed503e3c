# Sourced by the launcher and the server scripts; defines port_free and free_port.

# True when nothing listens on loopback TCP port $1. A connection attempt is the check: bash's
# /dev/tcp needs no extra tool.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a loopback TCP port that nothing listens on (tried at random in 20000-49999), or fails
# after 50 tries.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 30000 ))
    if port_free "$port"; then echo "$port"; return 0; fi
  done
  return 1
}
