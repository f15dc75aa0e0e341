;;; driver.el --- Emacs + eglot on the sample story, for npm run test:emacs  -*- lexical-binding: t -*-
;;
;; Loads the eglot configuration of docs/editors.md ($LK_INIT, extracted by run.mjs), opens the
;; sample story as a writer would (find-file: markdown-mode, whose hook runs eglot-ensure), waits
;; for Lorekeeper's diagnostics in flymake, asks eldoc for the hover card of `Picard', shuts the
;; server down and writes what Emacs saw as JSON to $LK_OUT.  Written for Emacs 28 + eglot 1.9
;; (Debian 12's emacs-nox and elpa-eglot).

(require 'package)
(package-initialize)                    ; what a normal start does (batch Emacs does not): activates Debian's elpa-* packages
(require 'json)
(require 'subr-x)

(defvar lk-result (list :errors nil :diagnostics nil :hover nil))
(defvar lk-timeout (string-to-number (or (getenv "LK_TIMEOUT") "45")))

(defun lk-put (key value) (setq lk-result (plist-put lk-result key value)))
(defun lk-error (message) (lk-put :errors (append (plist-get lk-result :errors) (list message))))

(defun lk-finish (status)
  (let ((coding-system-for-write 'utf-8))
    (with-temp-file (getenv "LK_OUT")
      (insert (json-encode lk-result))))
  (kill-emacs status))

(defun lk-wait (predicate seconds)
  "Run the event loop (process output, timers) until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

;; A watchdog: whatever hangs, Emacs writes what it has and exits.
(run-at-time lk-timeout nil
             (lambda ()
               (lk-error (format "timed out after %s s" lk-timeout))
               (lk-finish 2)))

(condition-case err
    (progn
      (load (getenv "LK_INIT") nil t)
      (find-file (getenv "LK_STORY"))
      (lk-put :mode (symbol-name major-mode))
      ;; eglot-ensure connects from post-command-hook, which the command loop runs after
      ;; the command that visited the file; batch Emacs has no command loop, so run it once.
      (run-hooks 'post-command-hook)
      (unless (lk-wait (lambda () (eglot-current-server)) 20)
        (error "eglot did not connect to lorekeeper"))
      (lk-put :server (format "%s" (plist-get (eglot--server-info (eglot-current-server)) :name)))
      (lk-put :flymake (and (bound-and-true-p flymake-mode) t))
      ;; Diagnostics: wait for the first, then until no more arrive for a second.
      (lk-wait (lambda () (flymake-diagnostics)) 30)
      (let ((count -1))
        (while (/= count (length (flymake-diagnostics)))
          (setq count (length (flymake-diagnostics)))
          (lk-wait (lambda () nil) 1)))
      (lk-put :diagnostics
              (vconcat
               (mapcar (lambda (d)
                         (list :line (line-number-at-pos (flymake-diagnostic-beg d))
                               :type (symbol-name (flymake-diagnostic-type d))
                               :text (flymake-diagnostic-text d)))
                       (sort (flymake-diagnostics)
                             (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
      ;; Hover: eldoc's documentation functions at the `Picard' of `Picard, 94'.
      (goto-char (point-min))
      (search-forward "Picard, 94")
      (goto-char (+ (match-beginning 0) 2))
      (let ((docs nil))
        (run-hook-wrapped 'eldoc-documentation-functions
                          (lambda (fn)
                            (funcall fn (lambda (doc &rest _) (when (stringp doc) (push doc docs)) t))
                            nil))
        (lk-wait (lambda () docs) 10)
        (lk-put :hover (and docs (substring-no-properties (string-join docs "\n")))))
      (let ((server (eglot-current-server)))
        (eglot-shutdown server)
        (lk-put :serverExited (not (process-live-p (jsonrpc--process server))))))
  (error (lk-error (error-message-string err))))
(lk-finish 0)
