-- Neovim's own LSP client on the sample story: attach `lorekeeper lsp --stdio`, wait for the
-- diagnostics, ask for a hover card and the scene markers' inlay hints, write what Neovim saw as JSON to $LK_OUT, quit.
-- Written for Neovim 0.7 (Debian's), whose API every later version keeps.
local root = os.getenv('LK_ROOT')
local cli = os.getenv('LK_CLI')
local out = os.getenv('LK_OUT')
local story = root .. '/examples/the-vineyard-at-dusk.md'

local result = { diagnostics = {}, hover = vim.NIL, inlayHints = {}, errors = {} }
local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(story))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local client_id = vim.lsp.start_client({
    name = 'lorekeeper',
    cmd = { 'node', cli, 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'sample' } },
    settings = { lorekeeper = {} },
  })
  if not client_id then error('the server did not start') end
  vim.lsp.buf_attach_client(buf, client_id)
  result.gotDiagnostics = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { code = d.code or lsp.code, line = d.lnum, col = d.col, message = d.message, source = d.source or lsp.source })
  end

  -- Hover over the first `Picard` of the 2399 scene.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local line, col
  for i, text in ipairs(lines) do
    local at = text:find('Picard, 94', 1, true)
    if at then line, col = i - 1, at end
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local response = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line, character = col },
  }, 10000, buf)
  if response and response.result then
    local contents = response.result.contents
    result.hover = type(contents) == 'table' and (contents.value or contents[1]) or contents
  elseif response and response.err then
    table.insert(result.errors, vim.inspect(response.err))
  end

  -- The scene markers' inlay hints (textDocument/inlayHint: Neovim 0.7 has no inlay hints of its
  -- own to draw them with, so the request is sent as any client would).
  local hints = client.request_sync('textDocument/inlayHint', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = #lines, character = 0 } },
  }, 10000, buf)
  if hints and hints.result then
    for _, hint in ipairs(hints.result) do
      table.insert(result.inlayHints, { line = hint.position.line, label = hint.label })
    end
  elseif hints and hints.err then
    table.insert(result.errors, vim.inspect(hints.err))
  end
  client.stop()
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
