# Sourced by the launcher and the server scripts; defines free_port.

# Prints a loopback TCP port that nothing listens on (tried at random in 20000-49999), or fails
# after 50 tries. A connection attempt is the check: bash's /dev/tcp needs no extra tool.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}
